"""What `workscape check` enforces: validity, reviews, ratings, tags, authorship, links."""
