"""Everything that talks to the outside: HTTP, the postcode lookup, mail, the OS keyring, GOV.UK holidays, serve."""
