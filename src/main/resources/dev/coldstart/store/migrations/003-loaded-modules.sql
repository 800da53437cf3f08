-- coldstart results store, version 3: the modules a recording's target had loaded when it exited
-- (sys.modules, from the profile's import recording), which `coldstart bisect --forbid` reads
-- instead of running a commit again. module_stat cannot serve: -X importtime gives a failed import
-- a row and a module loaded by importlib.import_module none. Recordings made before this version,
-- or without an import recording, have no rows here (and bisect does not use them).
CREATE TABLE loaded_module (
  recording_id BIGINT NOT NULL REFERENCES recording (id) ON DELETE CASCADE,
  module       TEXT NOT NULL,
  PRIMARY KEY (recording_id, module)
);
