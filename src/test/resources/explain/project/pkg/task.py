import heavy


class Task:
    pass
