"""Signal handlers of the actions app (connected in ActionsConfig.ready).

The Campaign managers group is created with every other role in home/roles.py.
"""
