import './style.css';
import { Workbench } from './workbench.js';

new Workbench();
