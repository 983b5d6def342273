import GRDB

/// The registry's tables, created and evolved by migrations (never edit a
/// shipped migration: add the next one).
///
/// - `ledger`: one row per file received or sent (direction, partner, file
///   name, SHA-256 digest, batch id/kind/created, received and processed
///   times, outcome, reason, counts, the verification report, the signed
///   receipt, whether the file was filed, and what an operator did with a
///   quarantined file: `disposition`, `dispositionBy`, `dispositionAt`), and for an
///   outbound file sent over the network, when it was delivered (`deliveredAt`) and
///   the outcome the partner's receipt gave (`partnerOutcome`; the receipt in `receipt`).
/// - `delivery_attempt`: every try at delivering an outbound file, by ledger entry.
/// - `member`: the current canonical record of each member, keyed by
///   program and member id, with the partner that supplies it (`source`), the
///   batch that last changed it, and the last ledger entry that carried it
///   (`seenIn`, for full lists).
/// - `member_event`: the status history, appended only, keyed by the
///   member's `id`; its partner, batch id and time are its ledger entry's.
/// - `mid_link`: member ↔ MID links with their validity period, keyed by
///   the member's `id`.
/// - The views `member_event_entry` and `mid_link_entry` give events and
///   links with the member's program and member id (and an event's partner,
///   batch id and time): readers use them.
///
/// Indexes serve the queries that exist (member by key, by source for full
/// lists, events and links by member); each one costs every loaded record a
/// B-tree insert, which is why history and links refer to members by
/// integer id rather than by their text key. Event and link ids are plain
/// rowids (nothing is ever deleted, so they only grow), not AUTOINCREMENT,
/// which would write `sqlite_sequence` on every insert.
enum RegistrySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: ledger, members, history, MID links") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ledger (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
                        partner TEXT NOT NULL,
                        fileName TEXT NOT NULL,
                        digest TEXT NOT NULL,
                        byteCount INTEGER NOT NULL,
                        batchId TEXT,
                        batchKind TEXT,
                        batchCreated TEXT,
                        batchCreatedInstant INTEGER,
                        receivedAt TEXT NOT NULL,
                        processedAt TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        reason TEXT,
                        message TEXT,
                        records INTEGER NOT NULL DEFAULT 0,
                        accepted INTEGER NOT NULL DEFAULT 0,
                        rejected INTEGER NOT NULL DEFAULT 0,
                        inserted INTEGER NOT NULL DEFAULT 0,
                        changed INTEGER NOT NULL DEFAULT 0,
                        unchanged INTEGER NOT NULL DEFAULT 0,
                        withdrawn INTEGER NOT NULL DEFAULT 0,
                        verification TEXT,
                        receipt BLOB,
                        filed INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX ledger_digest ON ledger(digest);
                    CREATE INDEX ledger_batch ON ledger(partner, batchId);
                    CREATE INDEX ledger_unfiled ON ledger(filed) WHERE filed = 0;

                    CREATE TABLE member (
                        program TEXT NOT NULL,
                        memberId TEXT NOT NULL,
                        source TEXT NOT NULL,
                        status TEXT NOT NULL,
                        statusEffective TEXT,
                        lastValidated TEXT,
                        record TEXT NOT NULL,
                        changedBy TEXT,
                        changedAt TEXT NOT NULL,
                        seenIn INTEGER NOT NULL REFERENCES ledger(id),
                        PRIMARY KEY (program, memberId)
                    );
                    CREATE INDEX member_source ON member(source, seenIn);
                    CREATE INDEX member_changed ON member(program, changedAt);

                    CREATE TABLE member_event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        program TEXT NOT NULL,
                        memberId TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        effective TEXT NOT NULL,
                        reason TEXT,
                        cause TEXT NOT NULL,
                        partner TEXT NOT NULL,
                        batchId TEXT,
                        ledgerId INTEGER NOT NULL REFERENCES ledger(id),
                        recordedAt TEXT NOT NULL
                    );
                    CREATE INDEX member_event_member ON member_event(program, memberId, id);

                    CREATE TABLE mid_link (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        program TEXT NOT NULL,
                        memberId TEXT NOT NULL,
                        mid TEXT NOT NULL,
                        validFrom TEXT NOT NULL,
                        validTo TEXT,
                        openedBy INTEGER NOT NULL REFERENCES ledger(id),
                        closedBy INTEGER REFERENCES ledger(id)
                    );
                    CREATE INDEX mid_link_member ON mid_link(program, memberId, id);
                    CREATE INDEX mid_link_mid ON mid_link(mid);
                    """)
        }
        // Every index costs a B-tree insert per loaded record: keep only those a query uses.
        // Exports filter on changedAt while they scan; lookups find MIDs in memory.
        migrator.registerMigration("v2: drop indexes no query uses") { db in
            try db.execute(sql: "DROP INDEX member_changed; DROP INDEX mid_link_mid;")
        }
        migrator.registerMigration("v3: history and links keyed by member id, batch facts from the ledger") { db in
            try RegistrySchema.keyHistoryByMemberId(db)
        }
        // What an operator did with a quarantined file (exchange release, exchange requeue), who and when.
        migrator.registerMigration("v4: ledger dispositions") { db in
            try db.execute(
                sql: """
                    ALTER TABLE ledger ADD COLUMN disposition TEXT CHECK (disposition IN ('released', 'requeued'));
                    ALTER TABLE ledger ADD COLUMN dispositionBy TEXT;
                    ALTER TABLE ledger ADD COLUMN dispositionAt TEXT;
                    """)
        }
        // Delivery over the network (docs/exchange-link.md): every attempt, and when the partner's receipt came.
        migrator.registerMigration("v5: delivery attempts") { db in
            try db.execute(
                sql: """
                    ALTER TABLE ledger ADD COLUMN deliveredAt TEXT;
                    ALTER TABLE ledger ADD COLUMN partnerOutcome TEXT;
                    CREATE TABLE delivery_attempt (
                        id INTEGER PRIMARY KEY,
                        entry INTEGER NOT NULL REFERENCES ledger(id),
                        attemptedAt TEXT NOT NULL,
                        endpoint TEXT NOT NULL,
                        httpStatus INTEGER,
                        result TEXT NOT NULL CHECK (result IN ('delivered', 'retry', 'refused')),
                        code TEXT,
                        message TEXT
                    );
                    CREATE INDEX delivery_attempt_entry ON delivery_attempt(entry);
                    """)
        }
        // The ledger is the record of what was received and sent: its entries are never deleted.
        migrator.registerMigration("v6: the ledger is append-only") { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER ledger_append_only BEFORE DELETE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: its entries are never deleted'); END;
                    """)
        }
        return migrator
    }
}
