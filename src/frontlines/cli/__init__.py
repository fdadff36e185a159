"""The command line: a thin layer over the library. Only this package prints."""
