"""The GitHub loop: issue events, intake, drafts, routing, CODEOWNERS, PR summaries, links.

Outside the core: model, sources, rules, insights and search import none of it.
"""
