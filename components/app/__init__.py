"""Page layer (ui): the only code below dashboard.py that imports streamlit."""
