export { Alert, type AlertProps, type AlertType } from './Alert.js';
export { Button, type ButtonProps, type ButtonAppearance } from './Button.js';
export { DataList, DataListItem } from './DataList.js';
export { EmptyState } from './EmptyState.js';
export { FormField, Select, Textbox } from './FormField.js';
export { FileDrop, formatBytes, type FileDropProps } from './FileDrop.js';
export { Heading } from './Heading.js';
export { NavBar, type NavItem } from './NavBar.js';
export { PageBody, PageFooter, PageHeader, PageLayout } from './Page.js';
export { Pagination } from './Pagination.js';
export { Paragraph } from './Paragraph.js';
export { ProgressBar } from './ProgressBar.js';
export { SkipLink } from './SkipLink.js';
export { StatusBadge } from './StatusBadge.js';
export { SubNav, type SubNavItem } from './SubNav.js';
export {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from './Table.js';
