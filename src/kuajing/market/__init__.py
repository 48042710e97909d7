"""The embedded marketplace: sellers' behaviour, the timers that drive it, demo data and images."""
