"""`junheng serve`: the browser front end (issue 17), on the same core as the CLI verbs."""
