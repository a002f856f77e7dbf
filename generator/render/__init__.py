"""What people read: terminal tables and JSON, document prose and contexts, .docx rendering."""
