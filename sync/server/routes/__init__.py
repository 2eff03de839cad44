"""HTTP routes, one module per area. Access rules for all of them live in access.py."""
