"""Fetch and parse articles, extract with spaCy, resolve entities, hand records to graph/."""
