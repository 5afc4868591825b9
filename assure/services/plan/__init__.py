"""The Police and Crime Plan: themes, priorities, leads and RAG."""
