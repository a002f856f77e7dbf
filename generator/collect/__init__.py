"""The county collects: `junheng serve --data DIR` keeps campaigns, schools' facts, accounts and every change
in a database (embedded SQLite under DIR, or PostgreSQL through --db), so that schools fill in their own facts,
the county accepts them, and verdicts and documents follow from the accepted facts.

Layers: db (tables, engines, migrations) → accounts, campaigns (rules of who may do what, statuses, history)
→ county (the stored campaign as a county fact file, evaluated by the service layer) → api, pages (Flask).
"""
