using System.Text.Json.Serialization;
using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Organisation;

/// <summary>
/// Field keys of organisation forms. camelCase so that the API's validation problems name the same fields as its
/// JSON bodies, and pages show the same errors next to the same inputs.
/// </summary>
public static class OrganisationFields
{
    public const string Name = "name";
    public const string CreditCode = "creditCode";
    public const string RegionId = "regionId";
    public const string Kind = "kind";
    public const string IsRegionDataAuthority = "isRegionDataAuthority";
    public const string Code = "code";
    public const string Level = "level";
    public const string ParentId = "parentId";
    public const string UserId = "userId";
    public const string Phone = "phone";
}

public sealed record DepartmentFilter(
    int? RegionId = null,
    DepartmentKind? Kind = null,
    string? NameContains = null,
    bool OnlyWithoutAdministrator = false,
    bool OnlyMissingRoles = false);

/// <summary>One line of the department directory (public to every signed-in user).</summary>
public sealed record DepartmentRow(
    int Id,
    string Name,
    string CreditCode,
    int RegionId,
    string RegionName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DepartmentKind>))] DepartmentKind Kind,
    bool IsRegionDataAuthority,
    int AdministratorCount)
{
    public string KindName => Department.KindName(Kind);

    /// <summary>Roles the active rules need of this department that nobody here holds (<see cref="RoleCoverage"/>).</summary>
    public IReadOnlyList<string> MissingRoles { get; init; } = [];

    public string MissingRolesText => RoleCoverage.Describe(MissingRoles);
}

/// <summary>One page of the directory and how many departments match the filter in all.</summary>
public sealed record DepartmentPage(IReadOnlyList<DepartmentRow> Items, int Total);

/// <summary>A department with its department-private parts: administrators' phones and its users.</summary>
public sealed record DepartmentDetail(
    int Id,
    string Name,
    string CreditCode,
    int RegionId,
    string RegionName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DepartmentKind>))] DepartmentKind Kind,
    bool IsRegionDataAuthority,
    DateTimeOffset CreatedAt,
    uint Version,
    IReadOnlyList<AdministratorRow> Administrators,
    IReadOnlyList<DepartmentUserRow> Users)
{
    public string KindName => Department.KindName(Kind);

    /// <summary>Roles the active rules need of this department that nobody here holds (<see cref="RoleCoverage"/>).</summary>
    public IReadOnlyList<string> MissingRoles { get; init; } = [];

    public string MissingRolesText => RoleCoverage.Describe(MissingRoles);
}

public sealed record AdministratorRow(int Id, string UserId, string DisplayName, string UserName, string Phone, DateTimeOffset RegisteredAt);

public sealed record DepartmentUserRow(string Id, string DisplayName, string UserName, IReadOnlyList<string> Roles)
{
    public string RoleNames => Roles.Count == 0 ? "—" : string.Join("、", Roles.Select(PortalRoles.DisplayName));
}

/// <summary>What a person (or API client) submits to create or change a department. 0 means "not chosen".</summary>
public sealed record DepartmentInput(string? Name, string? CreditCode, int RegionId, DepartmentKind Kind, bool IsRegionDataAuthority);

public sealed record RegionRow(int Id, string Code, string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<RegionLevel>))] RegionLevel Level,
    int? ParentId, string? ParentName, int Depth)
{
    public string LevelName => Region.LevelName(Level);
}

/// <summary>One page of the region list and how many regions match in all.</summary>
public sealed record RegionPage(IReadOnlyList<RegionRow> Items, int Total);

public sealed record RegionInput(string? Code, string? Name, RegionLevel Level, int? ParentId);
