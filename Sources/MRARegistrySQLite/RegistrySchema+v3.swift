import GRDB
import MRARegistry

extension RegistrySchema {
    /// Migration v3: `member` gets an explicit integer `id` (its old rowid,
    /// now stable across VACUUM); `member_event` and `mid_link` refer to it
    /// instead of repeating program and member id, and events take their
    /// partner, batch id and time from their ledger entry instead of
    /// repeating them. The data is copied, checked and the old tables dropped,
    /// all in the migration's transaction.
    static func keyHistoryByMemberId(_ db: Database) throws {
        try checkEventsAgreeWithTheirLedgerEntries(db)
        try db.execute(sql: v3Tables)
        try checkEveryRowKeptItsMember(db)
        try db.execute(sql: "DROP TABLE member_event_v2; DROP TABLE mid_link_v2; DROP TABLE member_v2;")
    }

    /// Every event's partner, batch id and time must be its ledger entry's, or dropping them would lose facts.
    private static func checkEventsAgreeWithTheirLedgerEntries(_ db: Database) throws {
        let disagreeing =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM member_event e LEFT JOIN ledger l ON l.id = e.ledgerId
                    WHERE l.id IS NULL OR e.partner IS NOT l.partner OR e.batchId IS NOT l.batchId
                        OR e.recordedAt IS NOT l.processedAt
                    """) ?? 0
        guard disagreeing == 0 else {
            throw RegistryError(
                .migration,
                "\(disagreeing) status events disagree with their ledger entry (partner, batch id or time); the registry was left as it was"
            )
        }
    }

    /// An event or link whose member was missing would be dropped by the joins of ``v3Tables``: refuse instead.
    private static func checkEveryRowKeptItsMember(_ db: Database) throws {
        for (old, new) in [("member_event_v2", "member_event"), ("mid_link_v2", "mid_link")] {
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(old)") ?? 0
            let after = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(new)") ?? 0
            guard before == after else {
                throw RegistryError(
                    .migration, "\(before - after) rows of \(new) refer to no member; the registry was left as it was")
            }
        }
    }

    /// The v3 tables, filled from the v2 ones (renamed first), their indexes and views.
    private static let v3Tables = """
                DROP INDEX member_source;
                DROP INDEX member_event_member;
                DROP INDEX mid_link_member;
                ALTER TABLE member RENAME TO member_v2;
                ALTER TABLE member_event RENAME TO member_event_v2;
                ALTER TABLE mid_link RENAME TO mid_link_v2;

                CREATE TABLE member (
                    id INTEGER PRIMARY KEY,
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
                    UNIQUE (program, memberId)
                );
                INSERT INTO member (id, program, memberId, source, status, statusEffective, lastValidated, record,
                    changedBy, changedAt, seenIn)
                SELECT rowid, program, memberId, source, status, statusEffective, lastValidated, record, changedBy,
                    changedAt, seenIn
                FROM member_v2 ORDER BY rowid;
                CREATE INDEX member_source ON member(source, seenIn);

                CREATE TABLE member_event (
                    id INTEGER PRIMARY KEY,
                    member INTEGER NOT NULL REFERENCES member(id),
                    kind TEXT NOT NULL,
                    effective TEXT NOT NULL,
                    reason TEXT,
                    cause TEXT NOT NULL,
                    ledgerId INTEGER NOT NULL REFERENCES ledger(id)
                );
                INSERT INTO member_event (id, member, kind, effective, reason, cause, ledgerId)
                SELECT e.id, m.id, e.kind, e.effective, e.reason, e.cause, e.ledgerId
                FROM member_event_v2 e JOIN member m ON m.program = e.program AND m.memberId = e.memberId
                ORDER BY e.id;
                CREATE INDEX member_event_member ON member_event(member, id);

                CREATE TABLE mid_link (
                    id INTEGER PRIMARY KEY,
                    member INTEGER NOT NULL REFERENCES member(id),
                    mid TEXT NOT NULL,
                    validFrom TEXT NOT NULL,
                    validTo TEXT,
                    openedBy INTEGER NOT NULL REFERENCES ledger(id),
                    closedBy INTEGER REFERENCES ledger(id)
                );
                INSERT INTO mid_link (id, member, mid, validFrom, validTo, openedBy, closedBy)
                SELECT k.id, m.id, k.mid, k.validFrom, k.validTo, k.openedBy, k.closedBy
                FROM mid_link_v2 k JOIN member m ON m.program = k.program AND m.memberId = k.memberId
                ORDER BY k.id;
                CREATE INDEX mid_link_member ON mid_link(member, id);

                CREATE VIEW member_event_entry AS
                SELECT e.id, m.program, m.memberId, e.kind, e.effective, e.reason, e.cause, l.partner, l.batchId,
                    e.ledgerId, l.processedAt AS recordedAt
                FROM member_event e JOIN member m ON m.id = e.member JOIN ledger l ON l.id = e.ledgerId;
                CREATE VIEW mid_link_entry AS
                SELECT k.id, m.program, m.memberId, k.mid, k.validFrom, k.validTo, k.openedBy, k.closedBy
                FROM mid_link k JOIN member m ON m.id = k.member;
        """
}
