"""What a fact file is: the schema of every key, validated facts, blank fact files."""
