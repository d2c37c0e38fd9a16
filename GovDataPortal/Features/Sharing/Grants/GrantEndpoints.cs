using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>
/// Grants on the token-protected <c>/api</c> group (issue 10 §5), for the exchange platform: the visible grants, and one
/// use at a time (longyan Art. 21). The service decides; refusals become problem details (400 naming the field, 403 when
/// the grant does not allow the use or belongs to another department, 404 when the grant is not visible).
/// </summary>
public static class GrantEndpoints
{
    public static RouteGroupBuilder MapGrantEndpoints(this RouteGroupBuilder api)
    {
        var grants = api.MapGroup("/grants").WithTags("共享授权");
        grants.MapGet("", List).WithSummary("共享授权列表（本部门使用或提供的授权，数据主管部门审核人另见所辖部门的授权；entry 目录条目编号，department 部门编号，page，pageSize 1-100）");
        grants.MapGet("/{id}", Get).WithSummary("共享授权详情");
        grants.MapGet("/{id}/usage", Uses).WithSummary("共享授权的使用记录（page，pageSize 1-200）");
        grants.MapPost("/{id}/usage", Record).WithSummary("登记一次数据使用（使用部门；授权已到期、暂停、终止或使用方式、信息项超出授权范围时拒绝，403）");
        grants.MapPost("/{id}/agreement", RecordAgreement)
            .WithSummary("登记使用协议编号（数据主管部门审核人；本地规定要求签署使用协议的有条件共享授权）");
        return api;
    }

    private static async Task<IResult> RecordAgreement(GrantService service, long id, RecordGrantAgreement request, CancellationToken ct)
    {
        await service.RecordAgreementAsync(id, request.AgreementReference, ct);
        return TypedResults.Ok(await service.GetAsync(id, ct));
    }

    private static Task<GrantPage> List(GrantService service, long? entry, int? department, int? page, int? pageSize, CancellationToken ct) =>
        service.ListAsync(new GrantQuery(null, entry, department, null, page ?? 1, pageSize ?? 20), ct);

    private static async Task<IResult> Get(GrantService service, long id, CancellationToken ct) =>
        await service.GetAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : NotFound();

    private static Task<GrantUsePage> Uses(GrantService service, long id, int? page, int? pageSize, CancellationToken ct) =>
        service.UsesAsync(id, page ?? 1, pageSize ?? 50, ct);

    private static async Task<IResult> Record(GrantService service, long id, RecordGrantUse request, CancellationToken ct)
    {
        var recorded = await service.RecordUseAsync(id, request, ct);
        return TypedResults.Created($"/api/grants/{id}/usage/{recorded.Id}", recorded);
    }

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: GrantTexts.NotFoundMessage);
}
