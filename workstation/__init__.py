"""Qt-free core of the county consortium workstation: domain records, rules, use cases."""

__version__ = "0.1.0"
