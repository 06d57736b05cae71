"""The window's side of the runner's own routines: editor, custom exercises, files.

Kept out of the main window (a router): it makes the editor page when first needed,
and wires the library, the routine page, the editor and the file actions together.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from backcoach.core.catalog import Routine

if TYPE_CHECKING:
    from backcoach.core.routine_draft import RoutineDraft
    from backcoach.ui.main_window import MainWindow
    from backcoach.ui.pages.editor_page import EditorPage
    from backcoach.ui.routine_files import RoutineFiles


class EditorFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self._files: RoutineFiles | None = None

    @property
    def files(self) -> RoutineFiles:
        """Import, export, delete: made at first use, not before the window's first paint."""
        if self._files is None:
            from backcoach.ui.routine_files import RoutineFiles

            self._files = RoutineFiles(self.ctx, self.window)
            self._files.imported.connect(self._open_saved)
            self._files.deleted.connect(lambda _id: self._library_changed(show_library=True))
        return self._files

    def connect_routine_page(self, page: object) -> None:
        page.duplicateRequested.connect(self.duplicate)  # type: ignore[attr-defined]
        page.editRequested.connect(self.edit)  # type: ignore[attr-defined]
        page.deleteRequested.connect(lambda r: self.files.delete(r))  # type: ignore[attr-defined]
        page.exportRequested.connect(lambda r: self.files.export(r))  # type: ignore[attr-defined]

    @property
    def editor(self) -> EditorPage:
        return self.window.stack.page("editor")  # type: ignore[return-value]

    def make_editor(self) -> EditorPage:
        from backcoach.ui.pages.editor_page import EditorPage

        page = EditorPage(self.ctx)
        page.backRequested.connect(lambda: self.window.show_page(self.window.library))
        page.saved.connect(self._open_saved)
        page.newExerciseRequested.connect(self.new_exercise)
        page.editExerciseRequested.connect(self.edit_exercise)
        return page

    def new_routine(self) -> None:
        from backcoach.core.routine_draft import RoutineDraft

        self._open_editor(RoutineDraft())

    def duplicate(self, routine: Routine) -> None:
        from backcoach.core.routine_draft import draft_from_routine

        self._open_editor(draft_from_routine(routine, edit=False))

    def edit(self, routine: Routine) -> None:
        from backcoach.core.routine_draft import draft_from_routine

        if not routine.builtin:
            self._open_editor(draft_from_routine(routine, edit=True))

    def _open_editor(self, draft: RoutineDraft) -> None:
        editor = self.editor
        self.window.show_page(editor)
        editor.edit(draft)

    def new_exercise(self) -> None:
        self._exercise_form(None)

    def edit_exercise(self, exercise_id: str) -> None:
        ex = self.ctx.catalog.exercises.get(exercise_id)
        if ex is not None and not ex.builtin:
            from backcoach.core.exercise_draft import draft_from_exercise

            self._exercise_form(draft_from_exercise(ex))

    def _exercise_form(self, draft: object) -> None:
        from backcoach.ui.dialogs.exercise_form import ExerciseForm

        form = ExerciseForm(self.ctx.catalog, draft, self.window)  # type: ignore[arg-type]
        if form.exec() and form.saved_id:
            self.ctx.reload_catalog()
            editor = self.editor
            editor.refresh_catalog()
            if draft is None:  # a new one: straight into the routine being built
                editor.add_exercise(form.saved_id)
            editor.picker.select(form.saved_id)

    def drop(self, files: list[Path]) -> None:
        for path in files:
            self.files.import_file(path)

    def _open_saved(self, routine_id: str) -> None:
        self.ctx.reload_catalog()
        self._library_changed()
        self.window.open_routine(routine_id)

    def _library_changed(self, show_library: bool = False) -> None:
        self.window.library.reload()
        if show_library:
            self.window.show_page(self.window.library)
