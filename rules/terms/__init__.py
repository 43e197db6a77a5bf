"""Term rules: pack terms and their variants, near misses, consistency, acronyms."""
