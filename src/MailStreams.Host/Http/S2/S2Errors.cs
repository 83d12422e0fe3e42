using MailStreams.Store;
using MailStreams.Store.S2;

namespace MailStreams.Host.Http.S2;

/// <summary>S2's error answers: ErrorInfo <c>{code, message}</c> with S2's status for each code, and the special 412/416 bodies.</summary>
internal static class S2Errors
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new S2WireError(code, message), S2Json.Options, statusCode: status);

    public static IResult From(StreamStoreException e) => e switch
    {
        SeqNumMismatchException mismatch => Results.Json(new S2WireConditionFailed(mismatch.ActualTail, null), S2Json.Options, statusCode: 412),
        _ => Error(StatusOf(e.Code), e.Code, e.Message),
    };

    public static IResult BeyondTail(StreamPosition tail) =>
        Results.Json(new S2WireTail(S2RecordCodec.ToWire(tail)), S2Json.Options, statusCode: 416);

    public static IResult BadQuery(string message) => Error(400, "bad_query", message);
    public static IResult BadJson(string message) => Error(400, "bad_json", message);
    public static IResult BadHeader(string message) => Error(400, "bad_header", message);
    public static IResult Invalid(string message) => Error(422, "invalid", message);

    public static int StatusOf(string code) => code switch
    {
        "stream_not_found" or "basin_not_found" => 404,
        "resource_already_exists" or "stream_deletion_pending" => 409,
        "invalid" => 422,
        "authn" => 401,
        "permission_denied" => 403,
        "unavailable" => 503,
        _ when code.StartsWith("bad_", StringComparison.Ordinal) => 400,
        _ => 500,
    };
}
