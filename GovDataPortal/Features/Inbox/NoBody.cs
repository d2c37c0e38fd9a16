namespace GovDataPortal.Features.Inbox;

/// <summary>
/// For POST endpoints that take no body: a request that sends one anyway is answered 400 naming "body", as the
/// portal answers every malformed body, instead of the body being silently ignored.
/// </summary>
public static class NoBody
{
    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            return ValueTask.FromResult<object?>(Results.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["此接口不接受请求体。"] }, title: "此接口不接受请求体。"));
        return next(context);
    }
}
