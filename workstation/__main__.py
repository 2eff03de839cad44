from workstation.demo_stack import main

raise SystemExit(main())
