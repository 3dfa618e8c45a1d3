"""Speed measurements (`make bench`). Each module here has a `run()` that prints its figures."""
