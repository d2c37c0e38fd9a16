using System.Text.Json.Serialization;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Organisation;

/// <summary>Body of <c>POST /api/departments</c>; <c>kind</c> is the English key, e.g. "GovernmentDepartment".</summary>
public sealed record CreateDepartmentRequest(
    string? Name,
    string? CreditCode,
    int RegionId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DepartmentKind>))] DepartmentKind Kind,
    bool IsRegionDataAuthority)
{
    public DepartmentInput ToInput() => new(Name, CreditCode, RegionId, Kind, IsRegionDataAuthority);
}

public sealed record CreatedDepartment(int Id);

/// <summary>
/// The organisation API on the token-protected <c>/api</c> group. The service decides who may do what; refusals
/// become problem details through <see cref="ProblemExceptionHandler"/> (400 naming the field, 403).
/// </summary>
public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/departments", ListDepartments).WithName("ListDepartments")
            .WithSummary("部门名录（可按区域、类型、名称、是否未登记数据管理员、是否缺少流程所需角色筛选）");
        api.MapGet("/departments/{id}", GetDepartment).WithName("GetDepartment")
            .WithSummary("部门详情（含数据管理员与用户，仅限本部门）");
        api.MapPost("/departments", CreateDepartment).WithName("CreateDepartment")
            .WithSummary("新增部门（系统管理员）");
        api.MapGet("/regions", ListRegions).WithName("ListRegions")
            .WithSummary("行政区域列表（按层级排列）");
        return api;
    }


    private static async Task<IReadOnlyList<DepartmentRow>> ListDepartments(OrganisationService organisation,
        int? regionId, DepartmentKind? kind, string? name, bool? withoutAdministrator, bool? missingRoles, CancellationToken ct) =>
        await organisation.ListDepartmentsAsync(
            new DepartmentFilter(regionId, kind, name, withoutAdministrator ?? false, missingRoles ?? false), ct);

    private static async Task<IResult> GetDepartment(OrganisationService organisation, int id, CancellationToken ct) =>
        await organisation.GetDepartmentAsync(id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: OrganisationService.DepartmentMissingMessage);

    private static async Task<IResult> CreateDepartment(OrganisationService organisation, CreateDepartmentRequest request, CancellationToken ct)
    {
        var id = await organisation.CreateDepartmentAsync(request.ToInput(), ct);
        return TypedResults.Created($"/api/departments/{id}", new CreatedDepartment(id));
    }

    private static async Task<IReadOnlyList<RegionRow>> ListRegions(OrganisationService organisation, CancellationToken ct) =>
        await organisation.ListRegionsAsync(ct);
}
