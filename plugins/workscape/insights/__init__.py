"""What the catalog tells: rankings, people, participation, health, gaps, digests' weeks."""
