"""Dialogs shared by the screens: forms, confirmation, help and history."""
