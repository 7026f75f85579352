"""Conversation logic behind the Rasa custom actions (actions/ stays thin)."""
