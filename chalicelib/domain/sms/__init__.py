"""SMS rules: length as the providers bill it, and the content rules for pharmacy marketing."""
