// The command tree lives in Commands/GradCheckCommand.cs; each subcommand in its own file.
return GradCheck.Cli.Commands.GradCheckCommand.Create().Parse(args).Invoke();
