from workstation.review.cli import main

raise SystemExit(main())
