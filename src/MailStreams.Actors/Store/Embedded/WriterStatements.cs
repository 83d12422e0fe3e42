using Microsoft.Data.Sqlite;

namespace MailStreams.Store.Embedded;

/// <summary>
/// The writer's prepared statements on its own connection, created once and reused for every group
/// (only parameter values change). Enlisted in each group's transaction before use; used by the writer thread only.
/// </summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly SqliteCommand _selectStream;
    private readonly SqliteCommand _selectLastRecord;
    private readonly SqliteCommand _insertStream;
    private readonly SqliteCommand _insertRecord;
    private readonly SqliteCommand _deleteRecords;
    private readonly SqliteCommand _deleteStream;
    private readonly SqliteCommand[] _all;

    public WriterStatements(SqliteConnection connection)
    {
        _selectStream = Command(connection, "SELECT 1 FROM streams WHERE name = $stream", "$stream");
        _selectLastRecord = Command(connection,
            "SELECT seq_num, timestamp FROM records WHERE stream = $stream ORDER BY seq_num DESC LIMIT 1", "$stream");
        _insertStream = Command(connection,
            "INSERT INTO streams (name, created_at) VALUES ($stream, $created_at)", "$stream", "$created_at");
        _insertRecord = Command(connection,
            "INSERT INTO records (stream, seq_num, timestamp, headers, body) VALUES ($stream, $seq_num, $timestamp, $headers, $body)",
            "$stream", "$seq_num", "$timestamp", "$headers", "$body");
        _deleteRecords = Command(connection, "DELETE FROM records WHERE stream = $stream", "$stream");
        _deleteStream = Command(connection, "DELETE FROM streams WHERE name = $stream", "$stream");
        _all = [_selectStream, _selectLastRecord, _insertStream, _insertRecord, _deleteRecords, _deleteStream];
    }

    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (var command in _all) command.Transaction = transaction;
    }

    public StreamTail LoadTail(string stream)
    {
        _selectStream.Parameters[0].Value = stream;
        if (_selectStream.ExecuteScalar() is null) return StreamTail.Missing;
        _selectLastRecord.Parameters[0].Value = stream;
        using var reader = _selectLastRecord.ExecuteReader();
        return reader.Read() ? new StreamTail(true, reader.GetInt64(0) + 1, reader.GetInt64(1)) : new StreamTail(true, 0, 0);
    }

    public void InsertStream(string stream, long createdAtMs)
    {
        _insertStream.Parameters[0].Value = stream;
        _insertStream.Parameters[1].Value = createdAtMs;
        _insertStream.ExecuteNonQuery();
    }

    public void InsertRecord(string stream, long seqNum, long timestamp, byte[] headers, byte[] body)
    {
        var p = _insertRecord.Parameters;
        p[0].Value = stream;
        p[1].Value = seqNum;
        p[2].Value = timestamp;
        p[3].Value = headers;
        p[4].Value = body;
        _insertRecord.ExecuteNonQuery();
    }

    public void DeleteStream(string stream)
    {
        _deleteRecords.Parameters[0].Value = stream;
        _deleteRecords.ExecuteNonQuery();
        _deleteStream.Parameters[0].Value = stream;
        _deleteStream.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _all) command.Dispose();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }
}
