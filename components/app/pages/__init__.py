"""Page layer (app_pages): the only code below dashboard.py that imports streamlit."""
