"""briefing: news articles in, verified PDF intelligence briefs out."""

__version__ = "0.1.0"
