"""`junheng serve`: the browser front end, on the same core as the CLI verbs."""
