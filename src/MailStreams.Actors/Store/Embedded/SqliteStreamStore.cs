namespace MailStreams.Store.Embedded;

/// <summary>
/// The embedded <see cref="IStreamStore"/>: one SQLite file in WAL mode with S2's semantics. All changes go
/// through one <see cref="GroupCommitWriter"/> (group commit, one transaction per group); reads, follows and
/// watches use pooled reader connections and wake on in-process signals after each commit, never by polling
/// (SQLite has no asynchronous I/O: reads run on the caller's thread and are short, at most 1000 records / 1 MiB).
/// Dispose writes what is already queued, then closes the file; followers and watchers then end with
/// <see cref="ObjectDisposedException"/>. Deviation from S2, kept for the S2 endpoint to map: a read that
/// starts beyond the tail returns an empty batch with the tail (S2 answers 416).
/// </summary>
internal sealed partial class SqliteStreamStore : IStreamStore, IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteRecordReader _reader;
    private readonly GroupCommitWriter _writer;
    private readonly StreamSignals _signals = new();
    private readonly StreamCreationFeed _creations = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationToken _closingToken;
    private int _disposed;

    public SqliteStreamStore(string databasePath, TimeProvider? clock = null)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
            throw new ArgumentException("the stream store needs a database file path", nameof(databasePath));
        _closingToken = _closing.Token;
        _database = new SqliteDatabase(databasePath);
        _reader = new SqliteRecordReader(_database);
        _writer = new GroupCommitWriter(_database, clock ?? TimeProvider.System, OnCommitted);
    }

    public string DatabasePath => _database.Path;

    /// <summary>Write transactions committed so far: fewer than the writes when group commit is grouping.</summary>
    internal long WriteTransactionCount => _writer.TransactionCount;

    public Task CreateStreamAsync(string stream, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        return WriteAsync(WriteRequest.Create(stream, ct));
    }

    public Task DeleteStreamAsync(string stream, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        return WriteAsync(WriteRequest.Delete(stream, ct));
    }

    public async Task<AppendAck> AppendAsync(string stream, IReadOnlyList<AppendRecord> records, long? matchSeqNum = null,
        CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        var meteredBytes = StoreInputRules.CheckAppendBatch(records);
        StoreInputRules.CheckMatchSeqNum(matchSeqNum);
        // The writer may run after the caller changes its list: it gets its own copy.
        var ack = await WriteAsync(WriteRequest.Append(stream, [.. records], matchSeqNum, meteredBytes, ct));
        return ack!;
    }

    public Task<ReadBatch> ReadAsync(string stream, long fromSeqNum, ReadLimits? limits = null, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        StoreInputRules.CheckReadStart(fromSeqNum);
        limits ??= ReadLimits.None;
        StoreInputRules.CheckReadLimits(limits);
        ct.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var batch = _reader.Read(stream, fromSeqNum, limits) ?? throw StreamStoreException.NotFound(stream);
        return Task.FromResult(batch);
    }

    public Task<StreamPosition> CheckTailAsync(string stream, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        ct.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var tail = _reader.Tail(stream) ?? throw StreamStoreException.NotFound(stream);
        return Task.FromResult(tail);
    }

    public Task<IReadOnlyList<StreamInfo>> ListStreamsAsync(string prefix = "", string? startAfter = null, int limit = 1000,
        CancellationToken ct = default)
    {
        StoreInputRules.CheckPrefix(prefix, "prefix");
        if (startAfter is not null) StoreInputRules.CheckPrefix(startAfter, "start_after");
        var cappedLimit = StoreInputRules.CheckListLimit(limit);
        ct.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return Task.FromResult(_reader.List(prefix, startAfter, cappedLimit));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _writer.Dispose();
        _closing.Cancel();
        _database.ReleasePooledConnections();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<AppendAck?> WriteAsync(WriteRequest request)
    {
        request.Cancellation.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        if (!_writer.TryEnqueue(request)) throw new ObjectDisposedException(nameof(SqliteStreamStore));
        return request.Completion.Task;
    }

    private void OnCommitted(CommittedChanges changes)
    {
        foreach (var stream in changes.ChangedStreams) _signals.Pulse(stream);
        _creations.Publish(changes.CreatedStreams);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
