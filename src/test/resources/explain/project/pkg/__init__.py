from .task import Task
