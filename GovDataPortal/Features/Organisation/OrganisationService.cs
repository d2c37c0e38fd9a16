using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using F = GovDataPortal.Features.Organisation.OrganisationFields;

namespace GovDataPortal.Features.Organisation;

/// <summary>
/// Departments, regions and data administrators. One context per call; every decision about who may do what is
/// taken here from <see cref="CurrentActor"/>, so pages and the API cannot drift apart. Entity changes are audited
/// by the interceptor inside the same transaction.
/// </summary>
public sealed partial class OrganisationService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor, TimeProvider clock,
    PolicyCatalog policies)
{
    public const string ConflictMessage = "数据已被他人修改，请刷新后重试。";
    public const string DepartmentMissingMessage = "部门不存在或已被删除。";

    private const string NameIndex = "IX_departments_Name";
    private const string CreditCodeIndex = "IX_departments_CreditCode";
    private const string AuthorityIndex = "ux_departments_one_authority_per_region";

    /// <summary>Whether the actor may create, change and delete departments and regions (pages show the actions).</summary>
    public bool CanManageOrganisation => actor.IsAuthenticated && actor.IsInRole(PortalRoles.SystemAdmin);

    /// <summary>The directory is public information: every signed-in user may list departments.</summary>
    public async Task<IReadOnlyList<DepartmentRow>> ListDepartmentsAsync(DepartmentFilter? filter = null, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        filter ??= new DepartmentFilter();
        var missing = await MissingRolesAsync(db, null, ct);
        var rows = await Filter(db.Departments.AsNoTracking(), filter, missing)
            .OrderBy(d => d.Region!.Code).ThenByDescending(d => d.IsRegionDataAuthority).ThenBy(d => d.Id)
            .Select(d => new DepartmentRow(d.Id, d.Name, d.CreditCode, d.RegionId, d.Region!.Name, d.Kind,
                d.IsRegionDataAuthority, d.DataAdministrators.Count))
            .ToListAsync(ct);
        return WithMissingRoles(rows, missing);
    }

    /// <summary>What each department lacks for the active rules; all departments when the filter needs them, else those of a page.</summary>
    private Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> MissingRolesAsync(PortalDbContext db,
        IReadOnlyCollection<int>? departmentIds, CancellationToken ct) =>
        RoleCoverage.MissingRolesAsync(db, policies.Active, departmentIds, ct);

    private static List<DepartmentRow> WithMissingRoles(IEnumerable<DepartmentRow> rows, IReadOnlyDictionary<int, IReadOnlyList<string>> missing) =>
        [.. rows.Select(r => r with { MissingRoles = missing.GetValueOrDefault(r.Id) ?? [] })];

    /// <summary>Most rows one page of a grid may ask for; a larger request gets this many.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// One page of the directory, filtered, counted and sorted in SQL. <paramref name="sortBy"/> names a
    /// <see cref="DepartmentRow"/> property (Name, CreditCode, RegionName, KindName, AdministratorCount); anything else
    /// keeps the directory order (region, its data authority first).
    /// </summary>
    public async Task<DepartmentPage> PageDepartmentsAsync(DepartmentFilter filter, int skip, int take,
        string? sortBy = null, bool descending = false, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        // The filter needs every department's gaps; otherwise only the page's are read, after it.
        var allMissing = filter.OnlyMissingRoles ? await MissingRolesAsync(db, null, ct) : null;
        var query = Filter(db.Departments.AsNoTracking(), filter, allMissing);
        var total = await query.CountAsync(ct);
        var rows = await Sorted(query, sortBy, descending)
            .Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(d => new DepartmentRow(d.Id, d.Name, d.CreditCode, d.RegionId, d.Region!.Name, d.Kind,
                d.IsRegionDataAuthority, d.DataAdministrators.Count))
            .ToListAsync(ct);
        var missing = allMissing ?? await MissingRolesAsync(db, [.. rows.Select(r => r.Id)], ct);
        return new DepartmentPage(WithMissingRoles(rows, missing), total);
    }

    private static IQueryable<Department> Sorted(IQueryable<Department> query, string? sortBy, bool descending)
    {
        IOrderedQueryable<Department> ordered = sortBy switch
        {
            nameof(DepartmentRow.Name) => query.OrderedBy(d => d.Name, descending),
            nameof(DepartmentRow.CreditCode) => query.OrderedBy(d => d.CreditCode, descending),
            // Regions by their 行政区划代码: the province, then each city followed by its counties.
            nameof(DepartmentRow.RegionName) => query.OrderedBy(d => d.Region!.Code, descending),
            // The kinds in their declared order (政务部门, 数据主管部门, 公共服务企业), not by the stored English key.
            nameof(DepartmentRow.KindName) => query.OrderedBy(d => d.Kind == DepartmentKind.GovernmentDepartment ? 1
                : d.Kind == DepartmentKind.DataAuthority ? 2 : 3, descending),
            nameof(DepartmentRow.AdministratorCount) => query.OrderedBy(d => d.DataAdministrators.Count, descending),
            _ => query.OrderBy(d => d.Region!.Code).ThenByDescending(d => d.IsRegionDataAuthority),
        };
        return ordered.ThenBy(d => d.Id); // a stable order, so that pages neither repeat nor skip rows
    }

    /// <summary>
    /// Whether the actor may open the department's detail page: the department-scope rule of
    /// <see cref="CurrentActor.CanAccessDepartment"/>, the same one <see cref="GetDepartmentAsync"/> enforces.
    /// The directory links only these.
    /// </summary>
    public bool CanOpenDepartment(int departmentId) => actor.CanAccessDepartment(departmentId);

    private static IQueryable<Department> Filter(IQueryable<Department> query, DepartmentFilter filter,
        IReadOnlyDictionary<int, IReadOnlyList<string>>? missing)
    {
        if (filter.RegionId is { } regionId) query = query.Where(d => d.RegionId == regionId);
        if (filter.Kind is { } kind) query = query.Where(d => d.Kind == kind);
        if (InputText.Term(filter.NameContains) is { } term)
            query = query.Where(d => d.Name.Contains(term));
        if (filter.OnlyWithoutAdministrator) query = query.Where(d => !d.DataAdministrators.Any());
        if (filter.OnlyMissingRoles && missing is not null)
        {
            // Departments are a short list: the gaps are worked out in memory and handed to SQL as ids.
            var lacking = missing.Where(m => m.Value.Count > 0).Select(m => m.Key).ToList();
            query = query.Where(d => lacking.Contains(d.Id));
        }
        return query;
    }

    /// <summary>
    /// Department-private: its users and its administrators' phones are for its own members (and the system and
    /// security administrators who maintain every department). Null when the department does not exist.
    /// </summary>
    public async Task<DepartmentDetail?> GetDepartmentAsync(int id, CancellationToken ct = default)
    {
        actor.RequireDepartment(id);
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.Departments.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Name, x.CreditCode, x.RegionId, RegionName = x.Region!.Name, x.Kind, x.IsRegionDataAuthority, x.CreatedAt, x.Version })
            .FirstOrDefaultAsync(ct);
        if (d is null) return null;
        var administrators = await db.DataAdministrators.AsNoTracking().Where(a => a.DepartmentId == id)
            .OrderBy(a => a.RegisteredAt).ThenBy(a => a.Id)
            .Select(a => new AdministratorRow(a.Id, a.UserId, a.User!.DisplayName, a.User.UserName!, a.Phone, a.RegisteredAt))
            .ToListAsync(ct);
        return new DepartmentDetail(d.Id, d.Name, d.CreditCode, d.RegionId, d.RegionName, d.Kind, d.IsRegionDataAuthority,
            d.CreatedAt, d.Version, administrators, await UsersOfAsync(db, id, ct))
        {
            MissingRoles = (await MissingRolesAsync(db, [id], ct)).GetValueOrDefault(id) ?? [],
        };
    }

    private static async Task<IReadOnlyList<DepartmentUserRow>> UsersOfAsync(PortalDbContext db, int departmentId, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.DepartmentId == departmentId).OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           join u in db.Users on ur.UserId equals u.Id
                           where u.DepartmentId == departmentId
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return users.Select(u => new DepartmentUserRow(u.Id, u.DisplayName, u.UserName ?? "",
            PortalRoles.All.Where(byUser[u.Id].Contains).ToList())).ToList();
    }

    public async Task<int> CreateDepartmentAsync(DepartmentInput input, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        var department = new Department { CreatedAt = clock.GetUtcNow() };
        var values = await ValidateAsync(db, department.Id, input, ct);
        values.ApplyTo(department);
        db.Departments.Add(department);
        await SaveDepartmentAsync(db, department.Id, values, ct);
        return department.Id;
    }

    /// <summary><paramref name="version"/> is the one the person saw; a change by someone else since then is refused.</summary>
    public async Task UpdateDepartmentAsync(int id, uint version, DepartmentInput input, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new DomainException(DepartmentMissingMessage);
        if (department.Version != version) throw new DomainException(ConflictMessage);
        // xmin is checked again by the UPDATE itself, which closes the gap between this read and the save.
        db.Entry(department).Property(d => d.Version).OriginalValue = version;
        var values = await ValidateAsync(db, id, input, ct);
        values.ApplyTo(department);
        await SaveDepartmentAsync(db, id, values, ct);
    }

    public async Task DeleteDepartmentAsync(int id, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        // Administrators are loaded so that their cascade removal is tracked, and therefore audited.
        var department = await db.Departments.Include(d => d.DataAdministrators).FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new DomainException(DepartmentMissingMessage);
        var users = await db.Users.CountAsync(u => u.DepartmentId == id, ct);
        if (users > 0) throw new DomainException(HasUsersMessage(department.Name, users));
        db.Departments.Remove(department);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // A user moved in, or other data came to refer to it, after the check above.
            throw new DomainException($"部门“{department.Name}”已有关联的用户或数据，不能删除。");
        }
    }

    internal static string HasUsersMessage(string name, int users) =>
        $"部门“{name}”下还有{users}名用户，不能删除；请先将这些用户调整到其他部门。";

    /// <summary>The submitted values cleaned (<see cref="InputText"/>), what validation checked and what is saved.</summary>
    private sealed record DepartmentValues(string Name, string CreditCode, int RegionId, DepartmentKind Kind, bool IsRegionDataAuthority)
    {
        public static DepartmentValues From(DepartmentInput input) => new(InputText.Normalise(input.Name) ?? "",
            UnifiedSocialCreditCode.Normalise(input.CreditCode), input.RegionId, input.Kind, input.IsRegionDataAuthority);

        public void ApplyTo(Department d)
        {
            d.Name = Name;
            d.CreditCode = CreditCode;
            d.RegionId = RegionId;
            d.Kind = Kind;
            d.IsRegionDataAuthority = IsRegionDataAuthority;
        }
    }

    /// <summary>Collects every field error, then throws before anything is saved.</summary>
    private static async Task<DepartmentValues> ValidateAsync(PortalDbContext db, int selfId, DepartmentInput input, CancellationToken ct)
    {
        var v = DepartmentValues.From(input);
        var errors = new ValidationErrors().Require(F.Name, v.Name, "部门名称", 100);
        if (UnifiedSocialCreditCode.Validate(v.CreditCode) is { } codeError) errors.Add(F.CreditCode, codeError);
        if (!Enum.IsDefined(v.Kind)) errors.Add(F.Kind, "请选择部门类型。");
        if (v.IsRegionDataAuthority && v.Kind != DepartmentKind.DataAuthority)
            errors.Add(F.IsRegionDataAuthority, $"只有类型为“{Department.KindName(DepartmentKind.DataAuthority)}”的部门才能担任区域数据主管部门。");
        if (v.RegionId <= 0) errors.Add(F.RegionId, "请选择所属区域。");
        else if (!await db.Regions.AnyAsync(r => r.Id == v.RegionId, ct)) errors.Add(F.RegionId, "所选区域不存在。");
        await AddUniquenessErrorsAsync(db, selfId, v, errors, ct);
        errors.ThrowIfInvalid();
        return v;
    }

    /// <summary>
    /// The rules the database also enforces by unique indexes. Checked here for a clear message; run again after a
    /// unique violation so that a lost race reads exactly like a refused form.
    /// </summary>
    private static async Task AddUniquenessErrorsAsync(PortalDbContext db, int selfId, DepartmentValues v, ValidationErrors errors, CancellationToken ct)
    {
        var others = db.Departments.AsNoTracking().Where(d => d.Id != selfId);
        if (!errors.ByField.ContainsKey(F.Name) && await others.AnyAsync(d => d.Name == v.Name, ct))
            errors.Add(F.Name, $"已有名为“{v.Name}”的部门，部门名称不能重复。");
        if (!errors.ByField.ContainsKey(F.CreditCode)
            && await others.Where(d => d.CreditCode == v.CreditCode).Select(d => d.Name).FirstOrDefaultAsync(ct) is { } holder)
            errors.Add(F.CreditCode, $"统一社会信用代码 {v.CreditCode} 已被“{holder}”使用。");
        if (v.IsRegionDataAuthority && !errors.ByField.ContainsKey(F.RegionId) && !errors.ByField.ContainsKey(F.IsRegionDataAuthority)
            && await others.Where(d => d.RegionId == v.RegionId && d.IsRegionDataAuthority)
                .Select(d => new { d.Name, RegionName = d.Region!.Name }).FirstOrDefaultAsync(ct) is { } authority)
            errors.Add(F.IsRegionDataAuthority,
                $"{authority.RegionName}已有区域数据主管部门“{authority.Name}”，每个区域只能有一个；请先取消其数据主管部门身份。");
    }

    private async Task SaveDepartmentAsync(PortalDbContext db, int selfId, DepartmentValues values, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ConflictMessage);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e, out var index))
        {
            throw await LostRaceAsync(selfId, values, index, ct);
        }
    }

    /// <summary>Another save got in between our check and ours: name what is in the way now, as the check would have.</summary>
    private async Task<ValidationFailedException> LostRaceAsync(int selfId, DepartmentValues values, string? constraint, CancellationToken ct)
    {
        await using var fresh = await factory.CreateDbContextAsync(ct);
        var errors = new ValidationErrors();
        await AddUniquenessErrorsAsync(fresh, selfId, values, errors, ct);
        if (errors.IsValid)
            errors.Add(constraint switch
            {
                NameIndex => F.Name,
                CreditCodeIndex => F.CreditCode,
                AuthorityIndex => F.IsRegionDataAuthority,
                _ => F.Name,
            }, "与其他部门的数据重复，请刷新后重试。");
        return new ValidationFailedException(errors);
    }
}
