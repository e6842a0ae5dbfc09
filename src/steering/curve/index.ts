/** Turn the curve and actions (issue 5): notes per indicator and period, actions, scores per framework. */
export { CurveError, NOTE_FIELDS, NOTE_FIELD_LABELS, NOTE_FIELD_MAX, readNotes, readNote, saveNote, noteHistory, type Note, type NoteKey, type NoteText, type NoteField, type HistoryItem } from './notes.js';
export { listActions, readAction, createAction, updateAction, actionHistory, actionOwners, ACTION_FIELD_LABELS, type Action, type ActionInput, type ActionFilter, type ActionLink, type LinkInput } from './actions.js';
export { steeringFrameworks, steeringGoals, frameworkScoreData, staleNotes, scoreInputs, type FrameworkChoice, type GoalChoice, type StaleNote } from './data.js';
export { frameworkScores, scoreIndicator, type FrameworkScores, type IndicatorScore, type ScoreInput, type Share } from './scores.js';
export { ACTION_STATUSES, ACTION_STATUS_LABELS, todayInNl, isOverdue, daysOverdue, noteState, isStale, diffFields, type ActionStatus, type NoteState, type FieldChange } from './rules.js';
export { buildCurve, type CurveView } from './curve.js';
