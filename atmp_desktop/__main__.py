from atmp_desktop.cli import main

raise SystemExit(main())
