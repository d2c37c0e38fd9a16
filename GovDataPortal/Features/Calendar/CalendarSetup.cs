namespace GovDataPortal.Features.Calendar;

public static class CalendarSetup
{
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services)
    {
        services.AddSingleton<WorkingDayCalendar>();
        services.AddSingleton<IWorkingDayCalendar>(sp => sp.GetRequiredService<WorkingDayCalendar>());
        services.AddScoped<CalendarAdminService>();
        services.AddScoped<CalendarNoticeService>();
        return services;
    }

    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder api) => CalendarEndpoints.Map(api);
}
