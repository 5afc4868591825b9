"""What is due: overdue and soon-due work per owner, and the reminders sent about it."""
