"""Tasks (nhiệm vụ): who leads, who coordinates, by when, and how far along."""
