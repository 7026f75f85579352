"""Crisis recognition and privacy protection."""
