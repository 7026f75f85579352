"""Callback bookings: contact points, routing, time slots, storage and the staff command line."""
