"""What every layer shares: clock, config, database, errors, policy, audit, validation, rules."""
