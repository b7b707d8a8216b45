"""Views of the decisions register.

``public.py``: the accountability page, a decision's page, the owner's signed link.
``panel.py``: the office's register (create, edit, cancel, milestones, links).
``shared.py``: the progress update, in the panel and the kurum area.
``member.py``: the kurum area's list of the organisation's decisions.
"""
