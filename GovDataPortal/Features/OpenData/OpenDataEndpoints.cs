namespace GovDataPortal.Features.OpenData;

/// <summary>
/// Open data on the token-protected <c>/api</c> group, acting as the token's user (provider staff or the data
/// authority's reviewers receiving on a party's behalf). Refusals become problem details (400 naming the field, 403).
/// </summary>
public static class OpenDataEndpoints
{
    public static RouteGroupBuilder MapOpenDataEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/open-requests", SubmitRequest).WithTags("开放数据").WithSummary("受理有条件开放申请（提供部门工作人员或数据主管部门审核人代为录入）");
        api.MapGet("/open-requests/{id}", GetRequest).WithTags("开放数据").WithSummary("开放申请详情");
        api.MapPost("/objections", SubmitObjection).WithTags("开放数据").WithSummary("受理公民、法人对已发布数据的异议");
        return api;
    }

    private static async Task<IResult> SubmitRequest(OpenDataService service, OpenRequestInput request, CancellationToken ct)
    {
        var id = await service.SubmitRequestAsync(request, ct);
        return TypedResults.Created($"/api/open-requests/{id}", new CreatedRecord(id));
    }

    private static async Task<IResult> GetRequest(OpenDataService service, long id, CancellationToken ct) =>
        await service.RequestAsync(id, ct) is { } d
            ? TypedResults.Ok(new { d.Request.Id, Status = OpenDataTexts.Name(d.Request.Status), d.Request.ResourceName, d.Request.CommitmentSigned })
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: OpenDataTexts.RequestNotFound);

    private static async Task<IResult> SubmitObjection(OpenDataService service, ObjectionInput request, CancellationToken ct)
    {
        var id = await service.SubmitObjectionAsync(request, ct);
        return TypedResults.Created($"/api/objections/{id}", new CreatedRecord(id));
    }
}
