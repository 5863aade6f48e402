"""Planning pages, one module per page family; thin: check, call, render."""
