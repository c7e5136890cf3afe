"""Campaign rules: lifecycle, who is excluded or held out, birthdays and the lift statistics."""
