"""Evidence against the SPR threats, and the editions, threats and assessments it is judged by."""
