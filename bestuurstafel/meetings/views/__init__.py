"""The meeting pages, split by what the user is doing."""
